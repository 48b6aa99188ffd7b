/** Small pieces of request handling more than one gateway feature needs. */
package dev.formgate.gateway.web;
