/** Who is calling: the client address as the trusted proxies report it, handed on to the services. */
package dev.formgate.gateway.client;
