/** The components trainers may use in MDX without importing them. */
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Term from './Term.astro';
import Table from './Table.astro';

/** Components trainers call by name, plus `table` so every Markdown table scrolls on its own. */
export const mdxComponents = { Callout, Figure, Term, table: Table };
