export { AccessRequestDialog } from './AccessRequestDialog';
export type { AccessRequestDialogProps } from './AccessRequestDialog';
