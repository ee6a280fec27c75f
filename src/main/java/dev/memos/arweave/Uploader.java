package dev.memos.arweave;

import java.nio.file.Path;
import java.util.List;

/** Puts a file on Arweave with the given tags and says where it is. */
public interface Uploader {
    UploadReceipt upload(Path data, List<Tag> tags);

    /** What this uploader would charge and the funds it can use, without sending anything. */
    String describeCost(long bytes);
}
