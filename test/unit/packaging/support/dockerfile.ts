import { readFileSync } from 'node:fs';

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

/** A build stage: its base image, its name (`AS`), and its instructions after FROM. */
export interface Stage {
  readonly base: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/**
 * Parses a Dockerfile well enough to check what it promises (base images, user, copies, installs): comments and
 * parser directives dropped, backslash continuations joined, instructions grouped by stage. Heredocs are not
 * supported, and a Dockerfile here has none.
 */
export function parseDockerfile(file: string): readonly Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (pending === '' && (line === '' || line.startsWith('#'))) {
        return;
      }
      if (pending !== '' && line.startsWith('#')) {
        return;
      }
      if (pending === '') {
        start = index + 1;
      }
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1).trim()} `;
        return;
      }
      const text = (pending + line).trim();
      pending = '';
      const space = text.search(/\s/);
      instructions.push({
        keyword: (space < 0 ? text : text.slice(0, space)).toUpperCase(),
        args: space < 0 ? '' : text.slice(space + 1).trim(),
        line: start,
      });
    });
  const stages: { base: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const as = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ base: words[0] ?? '', name: as < 0 ? undefined : words[as + 1], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.instructions.push(instruction);
    } else if (instruction.keyword !== 'ARG') {
      throw new Error(`${file}:${instruction.line}: ${instruction.keyword} before the first FROM`);
    }
  }
  return stages;
}

/** The words of an exec-form (`["a", "b"]`) or shell-form argument. */
export function commandWords(args: string): readonly string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    return JSON.parse(trimmed) as string[];
  }
  return trimmed.split(/\s+/);
}
