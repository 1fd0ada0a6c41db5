import type { Section } from './sections';

/** Small line icons drawn inline as SVG (no icon font, nothing fetched). */
export function SectionIcon({ section }: { section: Section }) {
  const common = { width: 18, height: 18, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  switch (section) {
    case 'cases':
      return (
        <svg {...common}>
          <path d="M4 7h16v12H4z" />
          <path d="M9 7V5h6v2" />
          <path d="M4 12h16" />
        </svg>
      );
    case 'contacts':
      return (
        <svg {...common}>
          <circle cx="9" cy="9" r="3.5" />
          <path d="M3 19c0-3 2.7-5 6-5s6 2 6 5" />
          <path d="M16 5.5a3 3 0 0 1 0 6" />
          <path d="M18 14c2 .6 3 2.3 3 5" />
        </svg>
      );
    case 'referrals':
      return (
        <svg {...common}>
          <path d="M4 12h12" />
          <path d="M12 6l6 6-6 6" />
          <path d="M20 5v14" />
        </svg>
      );
    case 'dashboard':
      return (
        <svg {...common}>
          <rect x="4" y="4" width="7" height="7" rx="1" />
          <rect x="13" y="4" width="7" height="4" rx="1" />
          <rect x="13" y="10" width="7" height="10" rx="1" />
          <rect x="4" y="13" width="7" height="7" rx="1" />
        </svg>
      );
    case 'reports':
      return (
        <svg {...common}>
          <path d="M4 20h16" />
          <rect x="6" y="11" width="3" height="6" rx="0.5" />
          <rect x="11" y="6" width="3" height="11" rx="0.5" />
          <rect x="16" y="9" width="3" height="8" rx="0.5" />
        </svg>
      );
    case 'settings':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="3" />
          <path d="M12 3v2M12 19v2M3 12h2M19 12h2M5.6 5.6l1.4 1.4M17 17l1.4 1.4M5.6 18.4L7 17M17 7l1.4-1.4" />
        </svg>
      );
    default: {
      const unreachable: never = section;
      return unreachable;
    }
  }
}
