/**
 * Vitest setup for every test file: no test reaches the developer's real OS keyring. Browser mode's
 * vault keeps its key in the Secret Service when a session bus answers, and tests create many
 * throw-away data directories; on a desktop each would leave a "Ringside token key" entry behind.
 * Without a session bus address the keyring port does not try at all (os-keyring.ts), and the
 * child processes tests spawn inherit this environment. Tests of the keyring logic inject a fake.
 */
delete process.env['DBUS_SESSION_BUS_ADDRESS']
