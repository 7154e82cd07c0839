package org.causalworkbench.ui.auth;

/** Someone (or a script, through a token) the server knows. Reviews record the name. */
public record Account(String name, Role role) {}
