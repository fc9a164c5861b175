import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, lspWorkspace } from '../../lsp-helpers.js';

const OPTIONS = { tabSize: 4, insertSpaces: true };

async function format(text: string): Promise<string> {
    const workspace = await lspWorkspace(text);
    const edits = await workspace.services.lsp.Formatter!.formatDocument(workspace.documents[0], {
        textDocument: workspace.textDocument,
        options: OPTIONS
    });
    return applyEdits(workspace.documents[0], edits);
}

/** Every token, comments included, in order: formatting may change only the space between them. */
function tokens(text: string): string[] {
    return text.replace(/->/g, ' -> ').match(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\])*"|[^\s{}",]+|[{}",]/g) ?? [];
}

const MESSY = `// the catalogue
team   Sales "Sales"
system CRM


stream  s "Messy"   improves   old {
recipient "r"
        start "a"    end "b"
  /* steps */
      step a { owner Sales   process 1h    wait 2d on CRM   complete 90%   uses CRM , CRM }
step b
  handoff a->b {
carries "x" ,"y"
      via CRM   // inline comment
      }
flow a  ->  b->b
   rework b -> a { rate 10% }
}
stream old { }
`;

describe('formatting', () => {
    it('lays out a messy file: one declaration per line, bodies indented, single spaces', async () => {
        expect(await format(MESSY)).toBe(`// the catalogue
team Sales "Sales"
system CRM


stream s "Messy" improves old {
    recipient "r"
    start "a"
    end "b"
    /* steps */
    step a { owner Sales process 1h wait 2d on CRM complete 90% uses CRM, CRM }
    step b
    handoff a -> b {
        carries "x", "y"
        via CRM   // inline comment
    }
    flow a -> b -> b
    rework b -> a { rate 10% }
}
stream old {
}
`);
    });

    it('spaces the clauses of the second version: ranges, inventory, demand, target, statuses, a flow body', async () => {
        const text =
            'team A\nstream s {\ndemand   20   per    d\n  target  3d\n done "Done" ,"Closed"\n step a { owner A  process 1h..3h   inventory   40  status "Doing" , "Review"  queue "To do" }\n step b\n flow a -> b {   wait 5h }\n rework b -> b {rate 5%   wait 1m..3m}\n}\n';
        expect(await format(text)).toBe(
            'team A\nstream s {\n    demand 20 per d\n    target 3d\n    done "Done", "Closed"\n    step a { owner A process 1h..3h inventory 40 status "Doing", "Review" queue "To do" }\n    step b\n    flow a -> b { wait 5h }\n    rework b -> b { rate 5% wait 1m..3m }\n}\n'
        );
    });

    it('spaces decisions: shares, flow bodies, handoff chains', async () => {
        const text =
            'stream s {\nstep a\n step b\n  step c\n flow a->b{share   30%}\n  flow a -> c {   share 70%   }\n handoff b->c->a{carries "x"   share    100%}\n handoff c   ->   a {\ncarries "y"\n     share 50%\n   }\n rework c -> a { share   5% }\n}\n';
        const once = await format(text);
        expect(once).toBe(
            'stream s {\n    step a\n    step b\n    step c\n    flow a -> b { share 30% }\n    flow a -> c { share 70% }\n    handoff b -> c -> a { carries "x" share 100% }\n    handoff c -> a {\n        carries "y"\n        share 50%\n    }\n    rework c -> a { share 5% }\n}\n'
        );
        expect(await format(once)).toBe(once);
        expect(tokens(once)).toEqual(tokens(text));
    });

    it('is idempotent and keeps every token and comment', async () => {
        const once = await format(MESSY);
        expect(await format(once)).toBe(once);
        expect(tokens(once)).toEqual(tokens(MESSY));
    });

    it('leaves the examples as they are written, apart from spacing, and stable', async () => {
        const folder = resolve(__dirname, '../../../examples');
        for (const file of readdirSync(folder).filter(name => name.endsWith('.vstream'))) {
            const text = readFileSync(resolve(folder, file), 'utf8');
            const once = await format(text);
            expect(tokens(once), file).toEqual(tokens(text));
            expect(await format(once), file).toBe(once);
        }
    });
});
