/** The components trainers may use in MDX without importing them. */
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Term from './Term.astro';

export const mdxComponents = { Callout, Figure, Term };
