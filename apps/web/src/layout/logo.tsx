export function Logo(props: { size?: number }) {
  return (
    <svg width={props.size ?? 26} height={props.size ?? 26} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M10 8h7.5a5 5 0 0 1 2.9 9.1A5.2 5.2 0 0 1 18 24H10z"
        fill="none"
        stroke="#fff"
        stroke-width="2.6"
        stroke-linejoin="round"
      />
      <path d="M10 16h8" stroke="#fff" stroke-width="2.6" />
    </svg>
  );
}

/** Initials in a colored square, stable per name; 30 % lightness keeps white text at ≥ 4.5:1 for every hue. */
export function Monogram(props: { name: string; size?: number }) {
  const initials = () =>
    props.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join('') || '?';
  const hue = () => [...props.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <span
      class="monogram"
      aria-hidden="true"
      style={{
        width: `${props.size ?? 24}px`,
        height: `${props.size ?? 24}px`,
        background: `hsl(${hue()} 55% 30%)`,
        'font-size': `${Math.round((props.size ?? 24) * 0.42)}px`,
      }}
    >
      {initials()}
    </span>
  );
}
