import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from './node-fs';
import { docsBaseFor } from './paths';
import { startServer } from './server';

// Node entry: IPC when started by the VS Code client, stdio with `--stdio`.
startServer(createConnection(ProposedFeatures.all), { docsBase: docsBaseFor(__dirname), fs: nodeFileSystem });
