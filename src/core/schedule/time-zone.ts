/** Whether `name` is an IANA time zone this runtime knows (Europe/Berlin, UTC); the one check config and commands share. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
