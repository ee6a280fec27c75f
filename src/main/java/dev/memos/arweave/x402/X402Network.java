package dev.memos.arweave.x402;

import dev.memos.crypto.EthAddress;
import dev.memos.error.MemosException;
import java.util.Arrays;

/** The EVM networks memos pays on, with their chain ids and USDC contracts (6 decimals). */
public enum X402Network {
    BASE("base", 8453, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
    BASE_SEPOLIA("base-sepolia", 84532, "0x036CbD53842c5426634e7929541eC2318f3dCF7e");

    private final String id;
    private final long chainId;
    private final EthAddress usdc;

    X402Network(String id, long chainId, String usdc) {
        this.id = id;
        this.chainId = chainId;
        this.usdc = EthAddress.parse(usdc);
    }

    public String id() {
        return id;
    }

    public long chainId() {
        return chainId;
    }

    public EthAddress usdc() {
        return usdc;
    }

    /** A test network: its payments go to Turbo's development services, never production. */
    public boolean testnet() {
        return this == BASE_SEPOLIA;
    }

    public static X402Network byId(String id) {
        return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst()
                .orElseThrow(() -> MemosException.usage("unknown x402 network '" + id + "': use base or base-sepolia"));
    }
}
