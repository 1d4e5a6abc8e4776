// The Debian mirror this machine's apt uses, so debootstrap fetches from the same (reachable) place.
// DEBIAN_MIRROR overrides; otherwise the first non-security `deb` source of the wanted suite wins.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Source {
  uri: string;
  suites: string[];
}

function parseOneLine(text: string): Source[] {
  return text.split('\n').flatMap((line) => {
    const match = line.trim().match(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/);
    return match?.[1] && match[2] ? [{ uri: match[1], suites: [match[2]] }] : [];
  });
}

function parseDeb822(text: string): Source[] {
  return text.split(/\n\s*\n/).flatMap((stanza) => {
    const field = (name: string) => stanza.match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1]?.trim() ?? '';
    if (!field('Types').split(/\s+/).includes('deb')) return [];
    const suites = field('Suites').split(/\s+/);
    return field('URIs')
      .split(/\s+/)
      .filter(Boolean)
      .map((uri) => ({ uri, suites }));
  });
}

export function debianMirror(suite: string): string {
  if (process.env.DEBIAN_MIRROR) return process.env.DEBIAN_MIRROR;
  const files = ['/etc/apt/sources.list'];
  if (existsSync('/etc/apt/sources.list.d')) {
    files.push(
      ...readdirSync('/etc/apt/sources.list.d').map((name) => join('/etc/apt/sources.list.d', name)),
    );
  }
  const sources = files
    .filter((file) => existsSync(file))
    .flatMap((file) => (file.endsWith('.sources') ? parseDeb822 : parseOneLine)(readFileSync(file, 'utf8')));
  const mirror = sources.find((source) => source.suites.includes(suite) && !/security/.test(source.uri));
  if (!mirror) throw new Error(`no apt source for ${suite} found: set DEBIAN_MIRROR`);
  return mirror.uri;
}
