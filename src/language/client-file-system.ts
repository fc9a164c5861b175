/**
 * The workspace's files as the editor has them, for the language server in a Web Worker: it
 * cannot read a disk, so it asks the extension (WorkspaceFileMessages), and a shared catalogue
 * of teams in another file resolves in VS Code for the web as it does on the desktop.
 */
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { WorkspaceFileMessages, type WorkspaceFileNode, type WorkspaceFileParams } from '../protocol.js';

export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        return toNode(await this.connection.sendRequest(WorkspaceFileMessages.stat, params(uri)));
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await this.stat(uri);
            return true;
        } catch {
            return false;
        }
    }

    async readFile(uri: URI): Promise<string> {
        return this.connection.sendRequest(WorkspaceFileMessages.readFile, params(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return (await this.connection.sendRequest(WorkspaceFileMessages.readDirectory, params(uri))).map(toNode);
    }

    // Langium reads the workspace asynchronously; a worker cannot wait for the editor's answer.
    statSync(): FileSystemNode {
        throw unavailable();
    }

    existsSync(): boolean {
        throw unavailable();
    }

    readBinarySync(): Uint8Array {
        throw unavailable();
    }

    readFileSync(): string {
        throw unavailable();
    }

    readDirectorySync(): FileSystemNode[] {
        throw unavailable();
    }
}

function params(uri: URI): WorkspaceFileParams {
    return { uri: uri.toString() };
}

function toNode(node: WorkspaceFileNode): FileSystemNode {
    return { uri: URI.parse(node.uri), isFile: node.isFile, isDirectory: node.isDirectory };
}

function unavailable(): Error {
    return new Error('the workspace is read asynchronously, through the editor');
}
