package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.NoTransactions;

/**
 * An SMB flow as the app layer sees it: detected (so the flow's app_proto is smb and rules
 * gated on it apply), framed into NetBIOS records per direction, no SMB transactions yet (the
 * smb.* buffers, file extraction and the EVE "smb" object are not built).
 */
public final class SmbSession implements NoTransactions {
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
}
