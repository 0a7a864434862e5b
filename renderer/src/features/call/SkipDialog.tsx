import { SKIP_REASONS } from '../../../../shared/domain/skipReasons';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../keys/keymap';

/** S on the call screen: skip this lead for now, saying why with one digit. */
export function SkipDialog({ name, minutes, onSkip, onClose }: { name: string; minutes: number; onSkip: (reason: string) => void; onClose: () => void }) {
  return (
    <Dialog
      name="skip"
      label="Skip this lead"
      onClose={onClose}
      closeLabel="Don’t skip"
      className="skip-dialog"
      commands={SKIP_REASONS.map((reason, i) => ({ id: `skip.reason.${i + 1}`, keys: [String(i + 1)], label: reason, run: () => onSkip(reason) }))}
    >
      <h2>
        Skip {name} for {minutes} min: why?
      </h2>
      <div className="quick-picks" role="group" aria-label="Skip reasons">
        {SKIP_REASONS.map((reason, i) => (
          <button key={reason} type="button" className="quick-pick" onClick={() => onSkip(reason)}>
            <Kbd command={`skip.reason.${i + 1}`} /> <span className="pick-label">{reason}</span>
          </button>
        ))}
      </div>
      <p className="hint">
        <Kbd command="skip.close" /> don’t skip
      </p>
    </Dialog>
  );
}
