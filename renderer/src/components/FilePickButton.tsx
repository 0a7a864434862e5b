import { useRef, type ReactNode } from 'react';

const TEXT_FILES = '.csv,.tsv,.txt,text/csv,text/plain';

/** A button that opens the file chooser for a CSV or text file (keyboard: focus, Enter). The
 *  input itself is hidden but labelled, and cleared after each pick so the same file can be
 *  picked again. */
export function FilePickButton(props: { label: string; className: string; autoFocus?: boolean; accept?: string; onFile: (file: File) => Promise<void>; children: ReactNode }) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept={props.accept ?? TEXT_FILES}
        className="visually-hidden"
        aria-label={props.label}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          const input = e.currentTarget;
          if (file) void props.onFile(file).finally(() => (input.value = ''));
        }}
      />
      <button type="button" className={props.className} onClick={() => inputRef.current?.click()} autoFocus={props.autoFocus}>
        {props.children}
      </button>
    </>
  );
}
