;; Dot products of unit vectors with WebAssembly SIMD (f32x4), for exact and HNSW search.
;; All pointers are byte offsets into the imported memory; rows are `stride` bytes apart, and
;; `stride` is a multiple of 16 (rows are zero-padded to whole f32x4 lanes).
(module
  (import "env" "memory" (memory 1))

  ;; Σ a[i]·b[i] over `bytes` bytes. Four accumulators hide the latency of the adds: one
  ;; accumulator would make every iteration wait for the previous one.
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $bytes i32) (result f32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $a) (local.get $bytes)))
    (local.set $end4 (i32.sub (local.get $end) (i32.const 48)))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.ge_u (local.get $a) (local.get $end4)))
        (local.set $acc0 (f32x4.add (local.get $acc0)
          (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $acc1 (f32x4.add (local.get $acc1)
          (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $acc2 (f32x4.add (local.get $acc2)
          (f32x4.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b)))))
        (local.set $acc3 (f32x4.add (local.get $acc3)
          (f32x4.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (br $quads)))
    ;; The last 0–3 lanes of 16 bytes.
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc0 (f32x4.add (local.get $acc0)
          (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $tail)))
    (local.set $acc0 (f32x4.add (f32x4.add (local.get $acc0) (local.get $acc1))
                                (f32x4.add (local.get $acc2) (local.get $acc3))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc0)) (f32x4.extract_lane 1 (local.get $acc0)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc0)) (f32x4.extract_lane 3 (local.get $acc0)))))

  ;; out[i] = dot(row ids[i], q) for i < n.
  (func (export "dots_ids") (param $rows i32) (param $stride i32) (param $q i32)
                            (param $ids i32) (param $n i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ids) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ids) (local.get $end)))
        (f32.store (local.get $out)
          (call $dot
            (i32.add (local.get $rows) (i32.mul (i32.load (local.get $ids)) (local.get $stride)))
            (local.get $q) (local.get $stride)))
        (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $next))))

  ;; out[i] = dot(row start + i, q) for i < n.
  (func (export "dots_range") (param $rows i32) (param $stride i32) (param $q i32)
                              (param $start i32) (param $n i32) (param $out i32)
    (local $row i32) (local $end i32)
    (local.set $row (i32.add (local.get $rows) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (call $dot (local.get $row) (local.get $q) (local.get $stride)))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $next))))
)
