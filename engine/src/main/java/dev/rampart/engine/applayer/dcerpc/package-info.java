/**
 * DCERPC over TCP (connection-oriented DCE/RPC, usually port 135 and the ports its endpoint mapper
 * hands out): PDUs framed per direction, binds and their acknowledgements, requests and responses
 * as transactions, as Suricata 7's parser keeps them, for the {@code dcerpc.iface},
 * {@code dcerpc.opnum} and {@code dcerpc.stub_data} keywords.
 */
package dev.rampart.engine.applayer.dcerpc;
