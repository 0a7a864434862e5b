import type { ReactNode, RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../api/queries';

// The lead filters the queue and the contacts list share: import, kind, time zone, campaign and tag. Their
// choices come from the cache (asked once, again when an import or a contact changes them).

interface SelectProps<T> {
  label: ReactNode;
  /** The first option's text: no filter. */
  allLabel: string;
  value: T | null;
  onChange: (value: T | null) => void;
  className?: string;
  selectRef?: RefObject<HTMLSelectElement | null>;
}

export function ImportSelect({ label, allLabel, value, onChange, className = 'field', selectRef }: SelectProps<number>) {
  const imports = useQuery(queries.imports());
  return (
    <label className={className}>
      <span>{label}</span>
      <select ref={selectRef} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{allLabel}</option>
        {imports.data?.map((i) => (
          <option key={i.importId} value={i.importId}>
            #{i.importId} {i.fileName}
          </option>
        ))}
      </select>
    </label>
  );
}

export function KindSelect({ label, allLabel, value, onChange, className = 'field' }: SelectProps<'inbound' | 'outbound'>) {
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as 'inbound' | 'outbound' | null)}>
        <option value="">{allLabel}</option>
        <option value="inbound">Inbound</option>
        <option value="outbound">Outbound</option>
      </select>
    </label>
  );
}

export function ZoneSelect({ label, allLabel, value, onChange, className = 'field' }: SelectProps<string>) {
  const zones = useQuery(queries.zones());
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{allLabel}</option>
        {zones.data?.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CampaignSelect({ label, allLabel, value, onChange, className = 'field', selectRef }: SelectProps<number>) {
  const campaigns = useQuery(queries.campaigns());
  return (
    <label className={className}>
      <span>{label}</span>
      <select ref={selectRef} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{allLabel}</option>
        {campaigns.data?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.leads})
          </option>
        ))}
      </select>
    </label>
  );
}

export function TagSelect({ label, allLabel, value, onChange, className = 'field', selectRef }: SelectProps<number>) {
  const tags = useQuery(queries.tags());
  return (
    <label className={className}>
      <span>{label}</span>
      <select ref={selectRef} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{allLabel}</option>
        {tags.data?.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.leads})
          </option>
        ))}
      </select>
    </label>
  );
}
