import type { CaseDto } from '../../../../shared/domain/records';

/** Section of the case page. Being built; replaced by its real implementation. */
export function TasksSection({ caseFile }: { caseFile: CaseDto }) {
  return <p>{caseFile.code}</p>;
}
