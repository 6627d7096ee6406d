/** Settings → Data: Coinalyze access, and deleting stored data. */
import { CoinalyzeSection } from './CoinalyzeSection';
import { DeleteStoredData } from './DeleteStoredData';
import type { SectionProps } from './SettingsDialog';

/** The Data section's contents. */
export function DataSection(props: SectionProps) {
  return (
    <>
      <CoinalyzeSection {...props} />
      <DeleteStoredData />
    </>
  );
}
