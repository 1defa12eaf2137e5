package co.plugkit.javax;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one class file's constant pool names: its UTF-8 strings (class names, descriptors, string
 * constants) and its field and method references, read straight from the bytes (JVMS §4.4).
 */
record ClassFileRefs(List<String> utf8, List<MemberRef> members) {
    /** A field or method reference: owner class (internal form), name and descriptor. */
    record MemberRef(boolean method, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    static ClassFileRefs read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] strings = new String[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {tag, in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> refs[i] = new int[] {tag, in.readUnsignedByte(), in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        List<String> utf8 = new ArrayList<>();
        List<MemberRef> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (strings[i] != null) {
                utf8.add(strings[i]);
            } else if (refs[i] != null && refs[i][0] >= 9 && refs[i][0] <= 11) {
                String owner = strings[refs[refs[i][1]][1]];
                int[] nameAndType = refs[refs[i][2]];
                members.add(new MemberRef(refs[i][0] != 9, owner, strings[nameAndType[1]], strings[nameAndType[2]]));
            }
        }
        return new ClassFileRefs(utf8, members);
    }
}
