// What the connection reads, checked before the server sees it: before `initialize`, a request gets the LSP error
// ServerNotInitialized and a notification is dropped (except `exit`), as the specification says; a message that
// cannot be read (a broken header, not JSON) ends the process with a message instead of leaving it deaf.
import { ErrorCodes, Message, type DataCallback, type MessageReader, type MessageWriter, type RequestMessage } from 'vscode-languageserver/node';

export function gateReader(inner: MessageReader, writer: MessageWriter, fatal: (message: string) => void): MessageReader {
  let initialized = false;
  inner.onError((e) => fatal(`cannot read a message from the client (${e.message}); the connection is broken, so the server stops`));
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    dispose: () => inner.dispose(),
    listen(callback: DataCallback) {
      return inner.listen((msg) => {
        if (!initialized) {
          if (Message.isRequest(msg) && msg.method !== 'initialize') {
            const id = (msg as RequestMessage).id;
            void writer.write({ jsonrpc: '2.0', id, error: { code: ErrorCodes.ServerNotInitialized, message: `the server has not been initialized (got ${msg.method} before initialize)` } } as Message);
            return;
          }
          if (Message.isNotification(msg) && msg.method !== 'exit') return;
          if (Message.isRequest(msg)) initialized = true;
        }
        callback(msg);
      });
    },
  };
}
