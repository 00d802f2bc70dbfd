import { TextField, type SectionProps } from './fields.js';

export function BasicsSection(p: SectionProps) {
  return (
    <fieldset>
      <legend>Basics</legend>
      <TextField {...p} k="image" label="Image" placeholder="localhost/burrow-test/busybox:latest" required />
      <TextField {...p} k="name" label="Name" placeholder="optional" />
      <TextField {...p} k="command" label="Command" placeholder="httpd -f -p 8080" />
      <TextField {...p} k="entrypoint" label="Entrypoint" placeholder="image default" />
      <TextField {...p} k="env" label="Environment (KEY=value per line)" rows={3} />
      <TextField {...p} k="workdir" label="Working directory" />
      <TextField {...p} k="user" label="User" placeholder="image default (e.g. 1001:1001)" />
      <TextField {...p} k="hostname" label="Hostname" />
      <TextField {...p} k="labels" label="Labels (key=value per line)" rows={2} />
    </fieldset>
  );
}
