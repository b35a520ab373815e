package io.github.cimflow.isa;

/**
 * The funct codes of VEC_OP, in code order (VEC_ADD = 0 .. VEC_GELU = 17). The names are the stems of
 * the assembly mnemonics: {@code VEC_ADD_1} is VEC_ADD with two inputs. Which of them a core executes
 * depends on its configuration's SIMD instruction list.
 */
public enum VectorFunct {
    VEC_ADD,
    /** Vector plus a scalar read from input 2. */
    VEC_SC_ADD,
    VEC_MUL,
    VEC_QUANTIZE,
    VEC_RESADD_QUANTIZE,
    VEC_RESMUL_QUANTIZE,
    VEC_VVMAX,
    VEC_VSMUL,
    VEC_VFLOOR,
    VEC_VSET,
    VEC_SOFTMAX,
    VEC_REDUCE_MAX,
    VEC_V_EXP,
    VEC_REDUCE_SUM,
    VEC_VS_DIV,
    VEC_VS_SUB,
    VEC_SQRT,
    VEC_GELU;

    private static final VectorFunct[] BY_CODE = values();

    /** Returns the funct code, equal to the ordinal. */
    public int code() {
        return ordinal();
    }

    /** Returns the funct with that code, or null. */
    public static VectorFunct fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
