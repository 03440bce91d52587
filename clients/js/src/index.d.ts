// Types of @herald/client (hand-written; the shapes are docs/protocol.md's, in the protobuf JSON mapping).

export type State = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

export type Status =
  | 'INVALID_ARGUMENT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'UNAVAILABLE'
  | 'RESOURCE_EXHAUSTED' | 'INTERNAL' | (string & {});

/** An `exception` from the gateway, or a request the library refused or could not finish. */
export class HeraldError extends Error {
  readonly name: 'HeraldError';
  readonly status: Status;
  /** The offending request field, when there is one. */
  readonly field?: string;
  /** How long to wait before retrying, when the server knows. */
  readonly retryAfterMs?: number;
  /** The request event it answers (undefined for an exception tied to no request). */
  readonly event?: string;
  /** True when the socket closed before the reply: the request may or may not have been carried out. */
  readonly lostConnection?: boolean;
  /** On a send rejected because the session ended: its retry key, to send it again later. */
  readonly clientId?: string;
  constructor(data: { status: Status; message: string; field?: string; retryAfterMs?: number }, event?: string);
}

export interface CursorStore {
  get(): string | null | undefined;
  set(cursor: string): void;
}

export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface HeraldClientOptions {
  /** The gateway's WebSocket URL, e.g. ws://127.0.0.1:8080/ws. */
  url: string;
  /** A token for `online`: asked on connect, on every reconnect (after tokenRejected too) and before `exp`. */
  getToken: () => string | Promise<string>;
  /** The WebSocket constructor; default globalThis.WebSocket (Node 20 tests pass the ws package's). */
  WebSocket?: new (url: string) => WebSocketLike;
  /** Where the sync position is kept (e.g. over localStorage); default: in memory, from the first message. */
  cursorStore?: CursorStore;
  /** Reconnect backoff, jittered exponential: default 500 and 20000 ms. */
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Requests written before their answers: default 32 (the gateway answers 64 per socket). */
  maxInFlight?: number;
  /** Frames larger are refused locally with INVALID_ARGUMENT: default 65536 (HERALD_MAX_FRAME_BYTES). */
  maxFrameBytes?: number;
  /** A request unanswered this long makes the socket count as dead (reconnect): default 30000. */
  requestTimeoutMs?: number;
  /** No online ack this long after opening: reconnect. Default 15000. */
  connectTimeoutMs?: number;
  /** Refresh the token this long before `exp` (at most half its remaining life): default 60000. */
  refreshLeadMs?: number;
  /** A send answered UNAVAILABLE or RESOURCE_EXHAUSTED is tried again this many times: default 5. */
  sendRetries?: number;
  /** Message ids remembered to deliver each message once: default 10000. */
  seenIdsLimit?: number;
  /** `sync` page size: default 100. */
  syncLimit?: number;
  /** Where `online`/`offline` network events come from: default globalThis (browsers); null for none. */
  networkEvents?: EventTarget | null;
  /** For tests: the random source of the jitter. */
  random?: () => number;
  /** For tests: timers and clock. */
  timers?: { setTimeout(f: () => void, ms: number): unknown; clearTimeout(t: unknown): void; now(): number };
}

export interface UserRef { id: string; name: string }

/** The signed-in user, from the online ack. */
export interface Me {
  userId: string;
  name: string;
  unreadCount: number;
  user: UserRef;
}

/** A message as the app gets it, live or from sync, once. */
export interface Message {
  id: string;
  sender: UserRef;
  receivers: string[];
  title: string;
  body: string;
  type: string;
  createdAt: string;
  /** The room of a room message; absent for a direct message or an announcement. */
  room?: string;
  announcement: boolean;
  /** From sync: when the user read it (direct messages and announcements). */
  readAt?: string;
  /** From sync: how many receivers it has (a room: its member count). */
  receiverCount?: number;
  source: 'live' | 'sync';
}

/** A message in a reply (inbox, sync, sent, roomMessages, get), protobuf JSON mapping. */
export interface StoredMessage {
  id: string;
  sender: UserRef;
  receivers: string[];
  title: string;
  body: string;
  type: string;
  createdAt: string;
  clientId: string;
  roomId: string;
  announcement: boolean;
}

export interface MessageItem { message: StoredMessage; readAt?: string; receiverCount: number }
export interface Receipt { receiverId: string; readAt?: string; deletedAt?: string }
export interface SentItem { message: StoredMessage; receipts: Receipt[]; receiverCount: number }
export interface Room {
  id: string; name: string; topic: string; public: boolean; creatorId: string; createdAt: string;
  memberCount: number; ownerIds: string[];
}
export interface RoomSummary {
  room: Room; unread: number; unreadCapped: boolean; lastMessage?: StoredMessage; readUpTo: string; owner: boolean;
}
export interface Member { user: UserRef; owner: boolean; joinedAt: string; online: boolean }
export interface Changed { changed: string[]; unknown: string[] }
export interface MembersChanged { changed: string[]; unchanged: string[] }

export type SendRequest =
  | { receivers: string[]; room?: undefined; body: string; title?: string; type?: string; clientId?: string }
  | { room: string; receivers?: undefined; body: string; title?: string; type?: string; clientId?: string };
/** The ack of a send; a re-send with the same clientId answers the original id and createdAt. */
export interface SendAck { id: string; createdAt: string; duplicate?: boolean }

export interface ReadReceipt { id: string; reader: string; readAt: string }
export interface Recalled { id: string; room?: string }
export interface PresenceChange { user: string; online: boolean; lastSeen?: string }
export interface Typing { from: string; room?: string }
export interface RoomChange { room: string; change: 'added' | 'removed' | 'deleted' | 'updated'; by: string }
export interface Closed { code: number; reason: string; willRetry: boolean }

export interface Events {
  state: State;
  message: Message;
  read: ReadReceipt;
  recalled: Recalled;
  presence: PresenceChange;
  typing: Typing;
  room: RoomChange;
  /** Live deliveries may have been lost; the library syncs by itself. Re-read rooms and presence. */
  resync: void;
  /** The server refused the kept cursor: sync restarts from the first message (drop what you kept). */
  cursorReset: void;
  exception: HeraldError;
  tokenRejected: void;
  closed: Closed;
}

type Data = Record<string, unknown>;

export class HeraldClient {
  constructor(options: HeraldClientOptions);
  readonly state: State;
  readonly user: Me | undefined;
  /** The sync position kept ('' before the first). */
  readonly cursor: string;
  on<E extends keyof Events>(event: E, listener: (value: Events[E]) => void): () => void;
  off<E extends keyof Events>(event: E, listener: (value: Events[E]) => void): void;
  connect(): Promise<Me>;
  close(): void;
  send(message: SendRequest): Promise<SendAck>;
  request<T = any>(event: string, data?: Data): Promise<T>;

  inbox(data?: { before?: string; limit?: number; unreadOnly?: boolean; senderId?: string; type?: string; since?: string; until?: string }): Promise<{ messages: MessageItem[]; nextBefore: string }>;
  unread(data?: Data): Promise<{ unread: number }>;
  get(data: { id: string; markRead?: boolean }): Promise<{ message: MessageItem }>;
  read(data: { ids: string[] }): Promise<Changed & { readAt?: string }>;
  delete(data: { ids: string[] }): Promise<Changed>;
  sent(data?: { before?: string; limit?: number }): Promise<{ messages: SentItem[]; nextBefore: string }>;
  deleteSent(data: { ids: string[] }): Promise<Changed>;
  recall(data: { ids: string[] }): Promise<Changed>;
  sync(data?: { after?: string; limit?: number }): Promise<{ messages: MessageItem[]; nextAfter: string; hasMore: boolean }>;
  createRoom(data: { name: string; topic?: string; public?: boolean; memberIds?: string[] }): Promise<{ room: Room }>;
  getRoom(data: { roomId: string }): Promise<{ room: Room }>;
  updateRoom(data: { roomId: string; name?: string; topic?: string }): Promise<{ room: Room }>;
  rooms(data?: { before?: string; limit?: number }): Promise<{ rooms: RoomSummary[]; nextBefore: string }>;
  publicRooms(data?: { namePrefix?: string; after?: string; limit?: number }): Promise<{ rooms: Room[]; nextAfter: string }>;
  joinRoom(data: { roomId: string }): Promise<{ room: Room }>;
  leaveRoom(data: { roomId: string }): Promise<{}>;
  addMembers(data: { roomId: string; userIds: string[]; owners?: boolean }): Promise<MembersChanged>;
  removeMembers(data: { roomId: string; userIds: string[] }): Promise<MembersChanged>;
  members(data: { roomId: string; after?: string; limit?: number }): Promise<{ members: Member[]; nextAfter: string }>;
  deleteRoom(data: { roomId: string }): Promise<{}>;
  readRoom(data: { roomId: string; messageId: string }): Promise<{ unread: number; unreadCapped: boolean }>;
  roomMessages(data: { roomId: string; before?: string; limit?: number }): Promise<{ messages: MessageItem[]; nextBefore: string }>;
  presence(data: { userIds: string[] } | { roomId: string }): Promise<{ users: { userId: string; state: string; lastSeen?: string }[] }>;
  typing(data: { to: string } | { roomId: string }): Promise<{}>;
  /** Admin events (the gateway maps them onto AdminService; docs/protocol.md). */
  adminQuery<T = any>(data?: Data): Promise<T>;
  adminCount<T = any>(data?: Data): Promise<T>;
  adminGet<T = any>(data?: Data): Promise<T>;
  adminDelete<T = any>(data?: Data): Promise<T>;
  adminAnnounce<T = any>(data?: Data): Promise<T>;
  adminRooms<T = any>(data?: Data): Promise<T>;
  adminInspectRoom<T = any>(data?: Data): Promise<T>;
  adminPurgeRoom<T = any>(data?: Data): Promise<T>;
}
