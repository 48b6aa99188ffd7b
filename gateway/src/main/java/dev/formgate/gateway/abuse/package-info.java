/** Anti-automation on every public write: rate limits per address and network, body limits, proof of work. */
package dev.formgate.gateway.abuse;
