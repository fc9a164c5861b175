/**
 * The support-ticket example (examples/support-ticket.vstream) as the measurement sees it: its
 * steps' process and wait in hours (8-hour days) and the tracker statuses of
 * examples/tracker/support-ticket-statuses.md.
 */
import type { MeasureMap } from '../../src/measure/measure-model.js';

export const SUPPORT_TICKET_MAP: MeasureMap = {
    streams: [
        {
            name: 'supportTicket',
            workdayHours: 8,
            done: ['Done'],
            steps: [
                { name: 'triage', queue: ['New'], status: ['Triage'], mappedProcess: 0.25, mappedWait: 2 },
                {
                    name: 'reproduce',
                    queue: ['Waiting for reproduction'],
                    status: ['Reproducing'],
                    mappedProcess: 1.5,
                    mappedWait: 4
                },
                // wait 2d + wait 1d on IT
                {
                    name: 'fix',
                    queue: ['Ready for development'],
                    status: ['In progress', 'In review'],
                    mappedProcess: 6,
                    mappedWait: 24
                },
                {
                    name: 'workaround',
                    queue: ['Waiting for workaround'],
                    status: ['Writing workaround'],
                    mappedProcess: 0.5,
                    mappedWait: 1
                },
                {
                    name: 'confirm',
                    queue: ['Waiting for customer'],
                    status: ['Confirming'],
                    mappedProcess: 20 / 60,
                    mappedWait: 8
                }
            ],
            edges: [
                { from: 'triage', to: 'reproduce', share: null },
                { from: 'reproduce', to: 'fix', share: 0.55 },
                { from: 'reproduce', to: 'workaround', share: 0.45 },
                { from: 'fix', to: 'confirm', share: null },
                { from: 'workaround', to: 'confirm', share: null }
            ],
            reworks: [
                { from: 'reproduce', to: 'triage', rate: 0.3 },
                { from: 'confirm', to: 'fix', rate: 0.1 }
            ]
        }
    ]
};
