// A list of editable rows with Add and Remove (cockpit-podman's DynamicListForm is the model): the list owns
// adding, removing and patching one row; a row editor renders one item and knows nothing of the others.
import { Fragment, type ReactNode } from 'react';

export interface RowProps<T> {
  item: T;
  index: number;
  update(patch: Partial<T>): void;
  remove(): void;
}

/** Add, remove and patch rows of a list held elsewhere (the form state). */
export function useListField<T>(items: T[], onChange: (items: T[]) => void) {
  return {
    add: (item: T) => onChange([...items, item]),
    remove: (index: number) => onChange(items.filter((_, j) => j !== index)),
    update: (index: number, patch: Partial<T>) =>
      onChange(items.map((x, j) => (j === index ? { ...x, ...patch } : x))),
  };
}

export function DynamicList<T>(props: {
  items: T[];
  onChange(items: T[]): void;
  blank: T;
  addLabel: string;
  children(row: RowProps<T>): ReactNode;
}) {
  const list = useListField(props.items, props.onChange);
  return (
    <>
      {props.items.map((item, index) => (
        <Fragment key={index}>
          {props.children({
            item,
            index,
            update: (patch) => list.update(index, patch),
            remove: () => list.remove(index),
          })}
        </Fragment>
      ))}
      <button type="button" onClick={() => list.add(props.blank)}>
        {props.addLabel}
      </button>
    </>
  );
}
