import type * as vscode from 'vscode';

/** The decoded file name of a URI (`…/%E5%B9%B4.txt` → `年.txt`); the web client has no node:path. */
export const basenameOf = (uri: vscode.Uri): string => decodeURIComponent(uri.path.slice(uri.path.lastIndexOf('/') + 1));
