//! Large Appendix 2 tables for the import tests and the import benchmark: a valid table of any
//! number of controls (up to 9,900), with text that compresses like real Japanese prose (so a
//! workbook of it is as large as a real one), written as CSV or handed to an XLSX writer.

use anzen_domain::controls::appendix2_header_rows;
use anzen_domain::controls::numbering::circled;

/// Characters the generated text is drawn from: kana, common kanji and punctuation.
const POOL: &str = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン医療情報安全管理規程手順策定運用保守委託契約事業者機関記録点検監査認証暗号鍵通信端末利用者権限設定変更障害復旧対策確認責任範囲文書提供取扱保存期間外部接続装置媒体廃棄教育訓練評価改善報告連絡体制窓口緊急時対応計画訂正削除閲覧出力印刷画面操作時刻同期不正侵入検知防止。、・（）";

/// A deterministic source of variety (xorshift).
#[derive(Debug)]
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn text(&mut self, pool: &[char], chars: usize) -> String {
        (0..chars)
            .map(|_| pool[(self.next() % pool.len() as u64) as usize])
            .collect()
    }
}

/// The rows of a valid Appendix 2 (the two header rows, then one row per control) with
/// `controls` controls (9 大項目 × 20 中項目 × 11 小項目 × 5; the official appendix has about
/// 1,400), each with a 内容 of `content_chars` characters and a リスクシナリオ例 of
/// `risk_chars`, drawn at random from Japanese text (seeded by `seed`).
pub fn appendix2_table(
    controls: usize,
    content_chars: usize,
    risk_chars: usize,
    seed: u64,
) -> Vec<Vec<String>> {
    let pool: Vec<char> = POOL.chars().collect();
    let mut noise = Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let [groups, columns] = appendix2_header_rows();
    let mut rows = vec![groups, columns];
    'all: for major in 1..=9u32 {
        for middle in 1..=20u32 {
            for minor in 1..=11u32 {
                let c = circled(minor).expect("a circled number");
                for seq in 1..=5u32 {
                    if rows.len() - 2 >= controls {
                        break 'all;
                    }
                    rows.push(vec![
                        format!("{major}. 対策の分類{major}"),
                        format!("{major}.{middle}. 中項目{middle}"),
                        format!("{c}小項目{minor}"),
                        format!("{c}-{seq}"),
                        noise.text(&pool, content_chars),
                        if seq % 3 == 0 { "◎" } else { "" }.to_owned(),
                        noise.text(&pool, risk_chars),
                        "企画管理編".to_owned(),
                        format!("{}. 医療情報システムの安全管理", 1 + (seq + minor) % 20),
                        "【遵守事項】".to_owned(),
                        "運用管理規程等を定めること。".to_owned(),
                    ]);
                }
            }
        }
    }
    rows
}

/// The table as a CSV file (the template's layout, UTF-8, CRLF).
pub fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&anzen_app::import::to_csv_line(row));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_the_official_size_and_larger_are_valid() {
        for controls in [1, 1_400, 4_990] {
            let rows = appendix2_table(controls, 20, 5, 7);
            assert_eq!(rows.len(), controls + 2);
            let (c, _) = anzen_app::import::read_appendix2_csv_bytes(&to_csv(&rows))
                .unwrap_or_else(|e| panic!("{controls}: {e}"));
            assert_eq!(c.items.len(), controls);
        }
        assert_eq!(appendix2_table(20_000, 1, 1, 1).len(), 9_900 + 2);
    }
}
