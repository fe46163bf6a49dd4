import { runNodeServer } from './node-main';
import { docsBaseFor } from './paths';

// Node entry of the extension's server.
runNodeServer(docsBaseFor(__dirname));
