package dev.herald.message.send;

/** What a client may put in one direct message. */
public record SendLimits(int maxReceivers, int maxBodyBytes, int maxTitleChars, int maxClientIdChars) {}
