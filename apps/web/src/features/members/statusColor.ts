export function statusColor(status: string): string {
  if (status === 'full') return 'red';
  if (status === 'probationary') return 'orange';
  return 'default';
}
