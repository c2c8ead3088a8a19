// Whether an address can be delivered to at all. Stricter than RFC 5322 on purpose: quoted local
// parts, comments and IP-literal domains are legal but no customer types them, and every one of
// them is a way to smuggle something into a header.

/** Characters of an unquoted local part (RFC 5322 atext) besides letters and digits. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+$/u;
/** One domain label: letters (any script), digits, inner hyphens. */
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

/** Why an email address cannot be delivered to (syntax, no domain dot, too long…), or null when fine. */
export function emailAddressProblem(address: string): string | null {
  if (address.length === 0) return 'address is empty';
  if (address.length > 254) return 'address is longer than 254 characters';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (/[\u0000-\u001f\u007f]/.test(address)) return 'address contains a control character';
  if (/\s/u.test(address)) return 'address contains a space';
  const at = address.lastIndexOf('@');
  if (at < 0) return 'address has no "@"';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length === 0) return 'address has nothing before the "@"';
  if (local.length > 64) return 'the part before the "@" is longer than 64 characters';
  const atoms = local.split('.');
  if (atoms.some((atom) => atom.length === 0)) {
    return 'the part before the "@" starts or ends with a dot, or has two dots in a row';
  }
  if (!atoms.every((atom) => ATEXT.test(atom))) {
    return 'the part before the "@" contains a character an address cannot have';
  }
  if (domain.length === 0) return 'address has no domain';
  if (!domain.includes('.')) return 'the domain has no dot';
  const labels = domain.split('.');
  if (!labels.every((label) => LABEL.test(label))) return 'the domain is not a valid host name';
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'the domain ends in a number';
  return null;
}
