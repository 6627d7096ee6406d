/**
 * The settings dialog: a modal with one section per feature. A feature adds a section component to SECTIONS;
 * each section edits its own sub-object of the draft and the dialog saves them together.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../core/settings';
import { Modal } from '../common/Modal';
import { plural } from '../format/plural';
import { AlertsSection } from './AlertsSection';
import { LevelSection, OscillatorSection, SpikeSection } from './ComputeSection';
import { ContractsSection } from './ContractsSection';
import { DataSection } from './DataSection';
import { InvalidFieldsContext, useInvalidFields } from './fields/invalid-fields';
import { loadSettings, saveSettings } from './settings-store';
import { TelegramSection } from './TelegramSection';

/** Props every settings section receives. */
export interface SectionProps {
  draft: Settings;
  onChange: (next: Settings) => void;
  /** The asset on screen: per-asset sections (contracts, alert rules) edit its settings. */
  asset: string;
}

const SECTIONS: ReadonlyArray<{ title: string; component: ComponentType<SectionProps> }> = [
  { title: 'Data', component: DataSection },
  { title: 'Contracts', component: ContractsSection },
  { title: 'Telegram', component: TelegramSection },
  { title: 'Alerts', component: AlertsSection },
  { title: 'Spikes', component: SpikeSection },
  { title: 'Levels', component: LevelSection },
  { title: 'Oscillators', component: OscillatorSection },
];

/** Props of the dialog. */
export interface SettingsDialogProps {
  open: boolean;
  /** The asset on screen, whose contracts and alert rules the dialog edits. */
  asset: string;
  onClose: (saved: Settings | null) => void;
}

/** Renders the dialog while `open`. */
export function SettingsDialog({ open, asset, onClose }: SettingsDialogProps) {
  const [draft, setDraft] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, reportInvalid] = useInvalidFields();

  useEffect(() => {
    if (!open) return;
    loadSettings().then(setDraft, (e: unknown) => setError(String(e)));
  }, [open]);

  if (!open) return null;
  const save = async () => {
    // Refused, not clamped: what the user typed stays on screen with its message until they fix it.
    if (!draft || invalid.size > 0) return;
    try {
      await saveSettings(draft);
      onClose(draft);
    } catch (e) {
      setError(`Settings were not saved: ${String(e)}`);
    }
  };
  return (
    <Modal label="Settings" class="settings-dialog" onClose={() => onClose(null)}>
      <h2>Settings</h2>
      {error && <p role="alert">{error}</p>}
      <InvalidFieldsContext.Provider value={reportInvalid}>
        {draft &&
          SECTIONS.map(({ title, component: Section }) => (
            <section key={title} class="settings-section" aria-label={title}>
              <h3>{title}</h3>
              <Section draft={draft} onChange={setDraft} asset={asset} />
            </section>
          ))}
      </InvalidFieldsContext.Provider>
      <p class="settings-invalid" role="status" data-testid="settings-invalid">
        {invalid.size > 0 &&
          `Fix ${plural(invalid.size, 'field')} to save: ${[...invalid.values()].join(' ')}`}
      </p>
      <div class="dialog-actions">
        <button type="button" onClick={() => onClose(null)}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={save} disabled={!draft || invalid.size > 0}>
          Save
        </button>
      </div>
    </Modal>
  );
}
