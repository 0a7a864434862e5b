import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useCoreMutation } from '../../api/mutations';
import { queries } from '../../api/queries';

/** The script each campaign's leads are shown on the call screen (none: by situation). */
export function CampaignScripts() {
  const campaigns = useQuery(queries.campaigns());
  const scripts = useQuery(queries.scripts());
  const setScript = useCoreMutation('campaigns.setScript');
  const [error, setError] = useState<string | null>(null);
  if (!campaigns.data || campaigns.data.length === 0) return null;
  return (
    <section className="campaign-scripts" aria-labelledby="campaign-scripts-title">
      <h2 id="campaign-scripts-title">Script per campaign</h2>
      {campaigns.data.map((c) => (
        <label key={c.id} className="field">
          <span>{c.name}</span>
          <select
            value={c.scriptId ?? ''}
            onChange={(e) => {
              setError(null);
              setScript.mutate({ campaignId: c.id, scriptId: e.target.value ? Number(e.target.value) : null }, { onError: (err) => setError(err.message) });
            }}
          >
            <option value="">By situation (no campaign script)</option>
            {scripts.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
