package org.consentgateway.identity;

/** A registered regulator or operator: what the token endpoint and the registry commands need of either. */
public interface Member {

  String id();

  String name();

  /** The view the token endpoint needs. */
  RegisteredClient asClient();
}
