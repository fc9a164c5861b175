/**
 * Generates a large, realistic stream for benchmarks and scale tests: steps spread over team
 * lanes, mostly sequential flow with handoffs where the owner changes, parallel branches that
 * join again, and local rework loops. With `ranges`, a third of the times are uncertain: some
 * process times `LOW..HIGH`, some waits `LOW..LIKELY..HIGH` (what a forecast draws from).
 */
export function generateStream(steps: number, teams = 12, { ranges = false } = {}): string {
    const lines: string[] = [];
    for (let team = 0; team < teams; team++) {
        lines.push(`team T${team} "Team ${team}"`);
    }
    lines.push('system Desk "Service desk"', 'system Erp "ERP"', '');
    lines.push(`stream generated${steps} "Generated stream of ${steps} steps" {`);
    lines.push(
        '    recipient "Customer"',
        '    start "Request raised"',
        '    end "Request fulfilled"',
        '    measure lead-time'
    );
    const ownerOf = (step: number) => Math.floor(step / 7) % teams;
    for (let step = 0; step < steps; step++) {
        const days = (step % 3) + 1;
        const dayWait = ranges && step % 3 === 0 ? `${days}d..${days + 1}d..${days * 3}d` : `${days}d`;
        const wait = step % 4 === 0 ? ` wait ${dayWait}` : step % 4 === 1 ? ` wait ${(step % 5) + 1}h` : '';
        const hours = (step % 8) + 1;
        const process = ranges && step % 3 === 1 ? `${hours}h..${hours * 2}h` : `${hours}h`;
        const onOthers = step % 29 === 0 ? ` wait 2h on T${(ownerOf(step) + 1) % teams}` : '';
        const complete = step % 11 === 0 ? ' complete 85%' : '';
        const uses = step % 13 === 0 ? ' uses Desk, Erp' : '';
        lines.push(
            `    step s${step} "Step ${step}" { owner T${ownerOf(step)} process ${process}${wait}${onOthers}${complete}${uses} }`
        );
    }
    for (let step = 1; step < steps; step++) {
        const from = step - 1;
        if (ownerOf(from) !== ownerOf(step)) {
            lines.push(`    handoff s${from} -> s${step} { carries "work item ${step}" via Desk wait 2h }`);
        } else {
            lines.push(`    flow s${from} -> s${step}`);
        }
        // A parallel branch that skips ahead and joins again.
        if (step % 10 === 0 && step >= 3) {
            lines.push(`    flow s${step - 3} -> s${step}`);
        }
    }
    for (let step = 20; step < steps; step += 50) {
        lines.push(`    rework s${step} -> s${step - 4} { rate 10% reason "found late" wait 1h }`);
    }
    for (let step = 5; step < steps; step += 100) {
        lines.push(`    kaizen s${step} "Remove the wait"`);
    }
    lines.push('}', '');
    return lines.join('\n');
}
