/** The statement on information processing fees that section 六 needs from 2021 on (国办函〔2020〕109号). */
export function feeStatement(year: number): string {
  return `本机关 ${year} 年发出信息处理费收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。`;
}
