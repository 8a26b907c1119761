/**
 * Templates and naming for `npm run new:course` and `npm run new:lesson`.
 * Pure: the CLIs read the folder and write the files. New files are drafts
 * (`draft: true`), so they pass the content check and stay out of the build
 * until the trainer has written them and removes the flag.
 */

const LETTERS: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', æ: 'ae', ø: 'o', é: 'e', è: 'e', ü: 'u', ß: 'ss' };

/** "Säker it-drift för små myndigheter" → "saker-it-drift-for-sma-myndigheter" (at most 60 characters). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åäöæøéèüß]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (!slug) throw new Error(`titeln "${title}" ger inget filnamn — använd minst en bokstav eller siffra`);
  return slug;
}

/** One more than the highest order in use (1 for none). */
export function nextOrder(orders: number[]): number {
  return orders.length === 0 ? 1 : Math.max(...orders) + 1;
}

/** "12" → 12 from a lesson file name `12-namn.mdx`, or null. */
export function orderOfLessonFile(name: string): number | null {
  const m = /^(\d{2})-.+\.mdx$/.exec(name);
  return m ? Number(m[1]) : null;
}

const yamlString = (s: string) => JSON.stringify(s.normalize('NFC'));

/** The course file for a new course. */
/**
 * Texts of the templates below that a writer must replace. content:check
 * stops a published (non-draft) file that still holds one of them.
 */
export const PLACEHOLDERS = [
  'Skriv en eller två meningar om vad kursen ger deltagaren.',
  'Skriv vilka kursen är till för.',
  'Skriv två eller tre stycken som introducerar kursen.',
  'Skriv en mening om vad lektionen handlar om.',
  '(fortsätt meningen',
  'Skriv ett kort scenario som prövar förståelse?',
  'Skriv en andra fråga?',
  'Skriv fråga ',
  'Förklara varför det är fel, utan att avslöja det rätta svaret.',
  'Skriv källans titel',
  'Förklara varför det är fel.',
  'Förklara varför det är rätt.',
  'Börja i en konkret situation på en myndighet.',
  'Visa ett genomarbetat exempel.',
] as const;

export function courseTemplate(title: string, order: number): string {
  return `---
title: ${yamlString(title)}
summary: "Skriv en eller två meningar om vad kursen ger deltagaren."
audience: "Skriv vilka kursen är till för."
estimatedMinutes: 30
order: ${order}
tags: []
revision: 1
draft: true
---

Skriv två eller tre stycken som introducerar kursen. Ta bort \`draft: true\` när kursen är klar att publiceras.
`;
}

/**
 * A new lesson file: a draft with a pool of 5 placeholder questions of which
 * each attempt shows 3, each naming the objective it tests, the review date
 * `reviewed` (today, YYYY-MM-DD) and an example primary source.
 */
export function lessonTemplate(title: string, order: number, reviewed = new Date().toISOString().slice(0, 10)): string {
  return `---
title: ${yamlString(title)}
summary: "Skriv en mening om vad lektionen handlar om."
estimatedMinutes: 6
order: ${order}
revision: 1
draft: true
reviewed: ${reviewed} # dagen du senast kontrollerade texten mot källorna
objectives:
  - "beskriva … (fortsätt meningen ”Efter lektionen kan du …”)"
  - "bedöma …"
# Frågebanken: minst 1,5 × quizShown frågor; varje försök visar quizShown av dem.
quizShown: 3
quiz:
  - question: "Skriv fråga 1: ett kort scenario och ett beslut?"
    objective: 1
    options:
      - text: "Felaktigt svar 1: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Det rätta svaret."
        explanation: "Förklara varför det är rätt."
      - text: "Felaktigt svar 2: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
    answer: 1
  - question: "Skriv fråga 2: ett kort scenario och ett beslut?"
    objective: 1
    options:
      - text: "Det rätta svaret."
        explanation: "Förklara varför det är rätt."
      - text: "Felaktigt svar 1: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Felaktigt svar 2: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
    answer: 0
  - question: "Skriv fråga 3: ett kort scenario och ett beslut?"
    objective: 2
    options:
      - text: "Felaktigt svar 1: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Felaktigt svar 2: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Det rätta svaret."
        explanation: "Förklara varför det är rätt."
    answer: 2
  - question: "Skriv fråga 4: ett kort scenario och ett beslut?"
    objective: 2
    options:
      - text: "Felaktigt svar 1: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Det rätta svaret."
        explanation: "Förklara varför det är rätt."
      - text: "Felaktigt svar 2: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
    answer: 1
  - question: "Skriv fråga 5: ett kort scenario och ett beslut?"
    objective: 2
    options:
      - text: "Det rätta svaret."
        explanation: "Förklara varför det är rätt."
      - text: "Felaktigt svar 1: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
      - text: "Felaktigt svar 2: en missuppfattning som en kollega kan ha."
        explanation: "Förklara varför det är fel, utan att avslöja det rätta svaret."
    answer: 0
sources:
  - title: "Skriv källans titel, t.ex. Offentlighets- och sekretesslag (2009:400)"
    publisher: "Sveriges riksdag / Regeringskansliet (SFS)"
    url: "https://rkrattsbaser.gov.se/sfst?bet=2009:400"
---

## Situationen

Börja i en konkret situation på en myndighet.

## Resonemanget

## Ett exempel

<Callout type="exempel">

Visa ett genomarbetat exempel.

</Callout>

## Vanliga misstag

## Det här kan du göra på måndag
`;
}
