package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;

/**
 * An SMB flow as the app layer sees it: detected (so the flow's app_proto is smb and rules
 * gated on it apply), framed into NetBIOS records per direction, no SMB transactions yet (the
 * smb.* buffers, file extraction and the EVE "smb" object are not built).
 */
public final class SmbSession implements AppSession {
    private final NbssFramer toServer = new NbssFramer();
    private final NbssFramer toClient = new NbssFramer();

    public NbssFramer framer(boolean toServerSide) {
        return toServerSide ? toServer : toClient;
    }

    @Override
    public AppProto proto() {
        return AppProto.SMB;
    }

    @Override
    public void onData(boolean toServerSide, byte[] data, int off, int len) {
        framer(toServerSide).onData(data, off, len);
    }

    @Override
    public void onGap(boolean toServerSide, long len) {
        framer(toServerSide).onGap(len);
    }

    @Override
    public void onEnd(boolean toServerSide) {
    }

    /** Suricata's SMB parser never asks for raw stream inspection (checked with the oracle). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public int txCount() {
        return 0;
    }

    @Override
    public Object tx(int index) {
        throw new IndexOutOfBoundsException("SMB sessions have no transactions yet: " + index);
    }

    @Override
    public long txId(Object tx) {
        return 0;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServerSide) {
        return true;
    }

    @Override
    public void release(long txId) {
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }
}
