package io.chatload.journey;

/**
 * A frame that breaks the platform's contract. Gatling shows a failed check as
 * "{@code <event>, i.c.j.ContractBreach: <reason>}", so the class name is part of the KO message.
 */
final class ContractBreach extends RuntimeException {
  ContractBreach(String reason) {
    super(reason, null, false, false);
  }
}
