import type { InputHTMLAttributes, RefObject } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'> & {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  onValue: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
};

/** A labelled input with its error beside it (Esc leaves the field: the keymap's field.leave). */
export function TextField({ name, label, value, error, onValue, inputRef, ...input }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        ref={inputRef}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        onChange={(e) => onValue(e.target.value)}
        {...input}
      />
      {error && (
        <span className="field-error" id={`${name}-error`} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
