// Makes sure the browser tests have a Chromium: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium,
// installed here with apt-get when it is missing and we may (root on a Debian-like machine).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `No Chromium at ${path}. Install Debian's "chromium" package (apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.',
    );
    process.exit(1);
  }
  console.log(`No Chromium at ${path}: installing Debian's chromium package...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq && apt-get install -y -qq chromium >/dev/null', { stdio: 'inherit', env });
  if (!existsSync(path)) {
    console.error(`apt-get installed chromium, but there is still nothing at ${path}.`);
    process.exit(1);
  }
}
