/** IKE (ISAKMP) over UDP: IKEv1 messages and their payloads, IKEv2 headers; the ike.* keywords. */
package dev.rampart.engine.applayer.ike;
