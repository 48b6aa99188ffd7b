/**
 * HTTP plumbing every Formgate servlet service shares, as a Boot auto-configuration: client address, body limit,
 * language, RFC 9457 problem details; the pages and their texts stay in each service.
 */
package dev.formgate.web;
