/** The benchmark harness ({@code bin/bench}): the local stack measured against this machine's own limits. */
package dev.formgate.infra.bench;
