/**
 * Glob patterns as VS Code writes them in settings: `**` crosses folders, `*` and `?` do not, `{a,b}`
 * alternates, `[...]` is a class. A pattern without a slash matches the file name alone.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inGroup = true;
      out += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      out += ')';
    } else if (c === ',' && inGroup) out += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp('^' + out + '$');
}

/** True when `path` (with forward slashes) matches `glob`. */
export function matchesGlob(glob: string, path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  try {
    if (!glob.includes('/')) return globToRegExp(glob).test(normalized.slice(normalized.lastIndexOf('/') + 1));
    const re = globToRegExp(glob.startsWith('**/') || glob.startsWith('/') ? glob : '**/' + glob);
    return re.test(normalized) || re.test(normalized.replace(/^\/+/, ''));
  } catch {
    return false;
  }
}
