/**
 * Names declared twice: at the top level of the workspace (teams and systems share one
 * namespace, streams another), and within a stream (steps; local teams and systems).
 */
import {
    AstUtils,
    GrammarUtils,
    MultiMap,
    UriUtils,
    WorkspaceCache,
    type AstNode,
    type AstNodeDescription,
    type IndexManager,
    type ValidationAcceptor
} from 'langium';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import type { VstreamServices } from '../vstream-module.js';
import { report, type CheckSet } from './checks.js';

type Namespace = 'parties' | 'streams';

export class NameChecks {
    private readonly indexManager: IndexManager;
    /** Top-level names of the whole workspace, by name, per namespace. */
    private readonly workspaceNames: WorkspaceCache<Namespace, MultiMap<string, AstNodeDescription>>;

    readonly checks: CheckSet = {
        Document: [(document, accept) => this.checkTopLevelNames(document, accept)],
        Stream: [checkStreamNames]
    };

    constructor(services: VstreamServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.workspaceNames = new WorkspaceCache(services.shared);
    }

    private checkTopLevelNames(document: ast.Document, accept: ValidationAcceptor): void {
        for (const element of document.elements) {
            if (!element.name) {
                continue;
            }
            const namespace: Namespace = ast.isStream(element) ? 'streams' : 'parties';
            const others = this.namesIn(namespace)
                .get(element.name)
                .filter(other => !isDeclaration(other, element));
            if (others.length > 0) {
                const where = others
                    .map(
                        other =>
                            `${UriUtils.basename(other.documentUri)}:${(other.nameSegment?.range.start.line ?? 0) + 1}`
                    )
                    .join(', ');
                const kind = ast.isStream(element) ? 'stream' : ast.isTeam(element) ? 'team' : 'system';
                report(
                    accept,
                    DiagnosticCodes.duplicateName,
                    `The name '${element.name}' is declared more than once at the top level (also at ${where}); top-level ${ast.isStream(element) ? 'streams' : 'teams and systems'} are shared by every file of the workspace. Rename or remove one ${kind}.`,
                    { node: element, property: 'name' }
                );
            }
        }
    }

    private namesIn(namespace: Namespace): MultiMap<string, AstNodeDescription> {
        return this.workspaceNames.get(namespace, () => {
            const types: string[] = namespace === 'streams' ? [ast.Stream.$type] : [ast.Team.$type, ast.System.$type];
            const names = new MultiMap<string, AstNodeDescription>();
            for (const description of this.indexManager.allElements()) {
                if (types.includes(description.type)) {
                    names.add(description.name, description);
                }
            }
            return names;
        });
    }
}

function isDeclaration(description: AstNodeDescription, node: AstNode): boolean {
    const document = AstUtils.getDocument(node);
    return (
        description.documentUri.toString() === document.uri.toString() &&
        description.nameSegment?.offset === GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.offset
    );
}

function checkStreamNames(stream: ast.Stream, accept: ValidationAcceptor): void {
    checkDuplicateNames(stream.members.filter(ast.isStep), 'step', stream, accept);
    checkDuplicateNames(
        stream.members.filter((member): member is ast.Team | ast.System => ast.isTeam(member) || ast.isSystem(member)),
        'team or system',
        stream,
        accept
    );
}

/** Reports every declaration of a name used more than once, so both places show the conflict. */
function checkDuplicateNames(
    declarations: Array<ast.Step | ast.Team | ast.System>,
    kind: string,
    stream: ast.Stream,
    accept: ValidationAcceptor
): void {
    const byName = new MultiMap<string, ast.Step | ast.Team | ast.System>();
    declarations
        .filter(declaration => declaration.name)
        .forEach(declaration => byName.add(declaration.name, declaration));
    for (const [name, sharing] of byName.entriesGroupedByKey()) {
        if (sharing.length < 2) {
            continue;
        }
        for (const declaration of sharing) {
            const elsewhere = sharing
                .filter(other => other !== declaration)
                .map(other => (other.$cstNode?.range.start.line ?? 0) + 1);
            report(
                accept,
                DiagnosticCodes.duplicateName,
                `Stream '${stream.name}' has more than one ${kind} named '${name}' (also on line ${elsewhere.join(', ')}): rename or remove one.`,
                { node: declaration, property: 'name' }
            );
        }
    }
}
