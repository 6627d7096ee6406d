/** Settings → Data: Coinalyze access, the Live assets and their cost, and deleting stored data. */
import { CoinalyzeSection } from './CoinalyzeSection';
import { DeleteStoredData } from './DeleteStoredData';
import { LiveAssetsSection } from './LiveAssetsSection';
import type { SectionProps } from './SettingsDialog';

/** The Data section's contents. */
export function DataSection(props: SectionProps) {
  return (
    <>
      <CoinalyzeSection {...props} />
      <LiveAssetsSection {...props} />
      <DeleteStoredData />
    </>
  );
}
